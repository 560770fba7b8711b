import sys; sys.path.insert(0,__import__('os').path.dirname(__import__('os').path.abspath(__file__))); from common import *; from gw import kmeans, sinkhorn
def egw_anneal(CA,CB,p,q,T,epss,outer=20):
    c=((CA**2)@p)[:,None]+((CB**2)@q)[None,:]
    for eps in epss:
        for _ in range(outer):
            T=sinkhorn(c-2*CA@T@CB.T,p,q,eps,it=300)
    return T,np.sum((c-2*CA@T@CB.T)*T)
def topkmean(S,k,axis):
    return -np.partition(-S,k-1,axis=axis).take(range(k),axis=axis).mean(axis)
def csls_refine(a,b,W,k=10,iters=10):
    prev=None
    for t in range(iters):
        S=l2(a@W)@b.T
        rT=topkmean(S,k,1); rS=topkmean(S,k,0)
        C=2*S-rT[:,None]-rS[None,:]
        sb=C.argmax(1); tb=C.argmax(0); mut=np.where(tb[sb]==np.arange(len(a)))[0]
        crit=S[np.arange(len(a)),sb].mean()
        nbr=np.argpartition(-S[mut],k-1,1)[:,:k]; part=b[nbr].mean(1)
        W=procrustes(a[mut],part)
    return W,crit,len(mut)
def init_gw(a,b,K,rs,epss):
    CA,p=kmeans(a,K,rs,it=15); CB,q=kmeans(b,K,rs,it=15)
    SA=CA@CA.T; SB=CB@CB.T
    sigA=np.sort(SA,1); sigB=np.sort(SB,1)
    M=((sigA[:,None,:]-sigB[None,:,:])**2).sum(2)
    T0=sinkhorn(M/M.std(),p,q,0.05)
    T,loss=egw_anneal(SA,SB,p,q,T0,epss)
    u,s,vt=np.linalg.svd(CA.T@T@CB); return u@vt, loss
if __name__=='__main__':
    idv=ids(); A=load(sys.argv[1]); B=load(sys.argv[2]); K=int(sys.argv[3]); seed=int(sys.argv[4]); inp=sys.argv[5]; R=int(sys.argv[6])
    trm,am,bm,te=split(idv,seed,inp)
    XA=prep(A,am); XB=prep(B,bm); d=max(XA.shape[1],XB.shape[1]); XA=pad(XA,d); XB=pad(XB,d)
    Wsup=procrustes(XA[trm],XB[trm]); print('sup',rank1(XA[te]@Wsup,XB[te],idv[te]),'nA',am.sum(),'nB',bm.sum())
    rs=np.random.RandomState(seed)
    sub=lambda X,n: X if len(X)<=n else X[rs.choice(len(X),n,replace=False)]
    for r in range(R):
        t=time.time()
        W0,loss=init_gw(XA[am],XB[bm],K,rs,[0.02,0.01,0.005,0.002])
        r0=rank1(XA[te]@W0,XB[te],idv[te]); t1=time.time()-t
        if r0<0.05: print(f"restart {r} gwloss {loss:.5f} init r1 {r0:.3f} {t1:.0f}s",flush=True); continue
        W,crit,npairs=csls_refine(sub(XA[am],2000),sub(XB[bm],2000),W0)
        print(f'restart {r} gwloss {loss:.5f} init r1 {r0:.3f} refined r1 {rank1(XA[te]@W,XB[te],idv[te]):.3f} crit {crit:.4f} pairs {npairs} init {t1:.0f}s tot {time.time()-t:.0f}s',flush=True)
